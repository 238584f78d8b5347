package fsrs

import (
	"math"
	"unicode/utf16"
	"unicode/utf8"
)

// aleaFirst returns the first number of Johannes Baagøe's Alea generator
// seeded with seed (UTF-8), as the seedrandom code inside ts-fsrs computes it.
func aleaFirst(seed []byte) float64 {
	var a alea
	a.seed(seed)
	return a.next()
}

type alea struct {
	s0, s1, s2, c float64
}

func (a *alea) seed(seed []byte) {
	m := spaced.m
	a.c = 1
	a.s0, a.s1, a.s2 = spaced.s0, spaced.s1, spaced.s2
	a.s0 -= m.sum(seed)
	if a.s0 < 0 {
		a.s0++
	}
	a.s1 -= m.sum(seed)
	if a.s1 < 0 {
		a.s1++
	}
	a.s2 -= m.sum(seed)
	if a.s2 < 0 {
		a.s2++
	}
}

// spaced is Alea's state after the three hashes of " " that start every
// seeding; they never change, so they are computed once.
var spaced = func() (st struct {
	m          mash
	s0, s1, s2 float64
}) {
	st.m.n = 0xefc8249d
	space := []byte{' '}
	st.s0 = st.m.sum(space)
	st.s1 = st.m.sum(space)
	st.s2 = st.m.sum(space)
	return st
}()

const twoPow32 = 4294967296.0

func (a *alea) next() float64 {
	t := 2091639*a.s0 + a.c*(1/twoPow32)
	a.s0 = a.s1
	a.s1 = a.s2
	a.c = float64(int32(int64(t)))
	a.s2 = t - a.c
	return a.s2
}

// mash is Alea's string hash; its state carries across calls.
type mash struct{ n float64 }

// sum hashes data's UTF-16 code units, as JavaScript strings hold them.
func (m *mash) sum(data []byte) float64 {
	for i := 0; i < len(data); {
		if c := data[i]; c < utf8.RuneSelf {
			m.add(rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		i += size
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			m.add(r1)
			m.add(r2)
		} else {
			m.add(r)
		}
	}
	return u32(m.n) * (1 / twoPow32)
}

// add hashes one code unit. Both truncations act on values in [0, 2^32):
// n < 2^33 before the first, so 0.0252·n < 2^28; and the second is a
// fraction times n < 2^32. There JavaScript's >>> 0 is floor, which is one
// instruction where the int conversions of u32 are two.
func (m *mash) add(c rune) {
	n := m.n + float64(c)
	h := 0.02519603282416938 * n
	n = math.Floor(h)
	h -= n
	h *= n
	n = math.Floor(h)
	h -= n
	m.n = n + h*twoPow32
}

// u32 is JavaScript's x >>> 0 for the non-negative values below 2^53 that
// mash produces: truncate, then keep the low 32 bits. int64 conversions are
// the cheapest exact way to do that.
func u32(x float64) float64 { return float64(int64(x) & 0xffffffff) }
