// Package decks reads steppe's deck files (deck format 1, YAML), checks them
// and expands them into the quiz.Cards a learner drills.
//
// Parse is strict: unknown fields, duplicate ids, missing or misplaced fields
// and the like are errors, and every problem of a file is reported at once as
// an ErrorList of Diagnostics, each in the form
//
//	FILE:LINE:COL: message
//	   12 |     anwser: 2001
//	      |     ^
//
// Lint adds the softer checks (warnings) and, given the deck's SourceText,
// checks that each card's section is a heading of the text and its quote is
// taken verbatim from it.
//
// The bundled decks and their source text are embedded in the binary; see
// Bundled, BundledFiles and BundledSource.
//
// The package reads files and bytes only: it never opens the database (the
// parsed-deck cache lives in store/) and never writes to the terminal.
package decks
