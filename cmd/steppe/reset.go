package main

import (
	"fmt"
	"steppe/store"

	"github.com/spf13/cobra"
)

func (a *app) resetCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reset DECK[/ID]...",
		Short: "Start cards over as new",
		Long: `reset starts cards over as new: each DECK/ID, or every card of a DECK named
alone (decks by slug). Their reviews stay in the log, marked as reset, and no
longer count for scheduling or for your answer times. Suspension and the
leech mark stay as they are.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withCards(args, "deck or card", "nothing was reset", func(l *store.Learner, refs []store.CardRef) error {
				return a.reset(l, refs)
			})
		},
	}
}

func (a *app) reset(l *store.Learner, refs []store.CardRef) error {
	res, err := l.ResetCards(refs)
	if err != nil {
		return err
	}
	w := a.stdout
	if res.Cards == 0 {
		fmt.Fprintln(w, "Nothing to reset: those cards are all new.")
		return nil
	}
	stays := "stay"
	if res.Reviews == 1 {
		stays = "stays"
	}
	fmt.Fprintf(w, "Reset %s as new; %s %s in the log, marked as reset, and no longer count for scheduling.\n",
		plural(res.Cards, "card"), plural(res.Reviews, "review"), stays)
	switch n := res.Suspended; {
	case n == 1:
		fmt.Fprintln(w, "1 of them is still suspended; `steppe cards --suspended` lists it and `steppe unsuspend` brings it back.")
	case n > 1:
		fmt.Fprintf(w, "%d of them are still suspended; `steppe cards --suspended` lists them and `steppe unsuspend` brings them back.\n", n)
	}
	return nil
}
