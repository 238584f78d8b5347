// Package optimize fits FSRS-6's 21 weights to a learner's review log, by
// the procedure of the reference optimizer, fsrs-rs 6.5.0: training items
// built per card from learning days, an outlier filter, the initial
// stabilities fitted per first rating, then Adam with a cosine-annealed
// learning rate over 5 epochs of batches of 512, recency weights, a pull
// toward the initial weights measured in each weight's spread, and clipping
// after every step (../../../../shared/reference/fsrs-notes.md §11).
//
// The model is the reference optimizer's, in float64, and its gradients are
// exact: reverse-mode derivatives through every review, written out by hand. Evaluate
// scores any weights on any items with the same model.
//
// Like package quiz, optimize is pure: no clock, and its one shuffle is
// seeded with a constant.
package optimize
