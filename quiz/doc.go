// Package quiz is steppe's learning domain: cards and their content, ratings
// and scheduling states, the queue of a drill session, and answer checking.
//
// It is pure: it never reads the clock, draws global randomness, touches the
// terminal or opens a database. Time, seeds and storage come in as values and
// small interfaces, so every rule here can be tested with fixed inputs.
package quiz
