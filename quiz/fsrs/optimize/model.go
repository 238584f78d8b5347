package optimize

import (
	"math"
	"slices"
)

// The model is FSRS-6 as the reference optimizer (fsrs-rs 6.5.0) computes
// it, in float64: the formulas of the scheduler without ts-fsrs's rounding,
// the short-term rule for every same-day review, lapses capped at
// S/exp(w17·w18), the first review's stability w[g-1] without a floor, and
// S kept in [0.001, 36500] and D in [1, 10] after every step.
//
// Gradients are exact: reverse-mode automatic differentiation written out
// by hand. The forward pass over an item records each step's local partial
// derivatives; a backward pass from the loss chains them into the gradient
// by all 21 weights.

const (
	sMin = 0.001
	sMax = 36500.0
	dMin = 1.0
	dMax = 10.0
	// rEps keeps the log loss finite where a prediction is exactly 0 or 1.
	rEps = 1e-10
)

var ln09 = math.Log(0.9)

// weights are the 21 parameters with the quantities every step shares.
type weights struct {
	w       [21]float64
	factor  float64 // 0.9^(-1/w20) - 1
	dFactor float64 // its derivative by w20
	d0Easy  float64 // D0(4) unclamped, the mean-reversion target
	dD0Easy float64 // its derivative by w5 (by w4 it is 1)
	e8      float64 // exp(w8)
	capDiv  float64 // exp(w17·w18)
}

func newWeights(w [21]float64) *weights {
	c := &weights{w: w}
	c.factor = math.Exp(-ln09/w[20]) - 1
	c.dFactor = (c.factor + 1) * ln09 / (w[20] * w[20])
	e := math.Exp(3 * w[5])
	c.d0Easy = w[4] - e + 1
	c.dD0Easy = -3 * e
	c.e8 = math.Exp(w[8])
	c.capDiv = math.Exp(w[17] * w[18])
	return c
}

// recall is the forgetting curve R(t, S) with its derivatives by S and w20.
func (c *weights) recall(t, S float64) (R, dRdS, dRdW20 float64) {
	w20 := c.w[20]
	base := 1 + c.factor*t/S
	lb := math.Log(base)
	R = math.Exp(-w20 * lb)
	dRdS = w20 * c.factor * t / (S * S) * R / base
	dRdW20 = R * (-lb - w20*(t/S)*c.dFactor/base)
	return R, dRdS, dRdW20
}

// state is a card's memory.
type state struct{ S, D float64 }

// partials are one step's local derivatives, what the backward pass needs:
// the new S by the old S and D and by a few weights, and the new D by the
// old D and by w4–w7.
type partials struct {
	pS, pD, qD float64
	n          int
	idx        [5]int8
	val        [5]float64
	q          [4]float64 // the new D by w4, w5, w6, w7
}

func (e *partials) add(k int, v float64) {
	e.idx[e.n], e.val[e.n] = int8(k), v
	e.n++
}

// step applies one review to st. With e non-nil it records the step's
// partial derivatives there.
func (c *weights) step(st *state, r Review, first bool, e *partials) {
	w := &c.w
	g := float64(r.Rating)
	if first {
		S := w[r.Rating-1]
		ex := math.Exp((g - 1) * w[5])
		d := w[4] - ex + 1
		if e != nil {
			*e = partials{}
			if S >= sMin && S <= sMax {
				e.add(r.Rating-1, 1)
			}
			if d > dMin && d < dMax {
				e.q[0], e.q[1] = 1, -(g-1)*ex
			}
		}
		st.S, st.D = clampVal(S, sMin, sMax), clampVal(d, dMin, dMax)
		return
	}
	S, D := st.S, st.D
	t := float64(r.DeltaT)
	var newS, pS, pD float64 // the new S and its partials by S and D
	grad := e != nil
	if grad {
		*e = partials{}
	}
	switch {
	case r.DeltaT == 0: // same day: the short-term rule
		lnS := math.Log(S)
		sinc := math.Exp(w[17]*(g-3+w[18]) - w[19]*lnS)
		if r.Rating >= 2 && sinc < 1 {
			newS, pS = S, 1
		} else {
			newS = S * sinc
			if grad {
				pS = sinc * (1 - w[19])
				e.add(17, newS*(g-3+w[18]))
				e.add(18, newS*w[17])
				e.add(19, -newS*lnS)
			}
		}
	case r.Rating == 1: // a lapse
		R, dRdS, dRdW20 := c.recall(t, S)
		lnD, lnS1 := math.Log(D), math.Log(S+1)
		dpow := math.Exp(-w[12] * lnD)
		sp := math.Exp(w[13] * lnS1)
		ex := math.Exp((1 - R) * w[14])
		sf := w[11] * dpow * (sp - 1) * ex
		capS := S / c.capDiv
		if capS < sf {
			newS, pS = capS, 1/c.capDiv
			if grad {
				e.add(17, -capS*w[18])
				e.add(18, -capS*w[17])
			}
		} else {
			newS = sf
			if grad {
				dsfdR := -sf * w[14]
				pS = w[11]*dpow*w[13]*sp/(S+1)*ex + dsfdR*dRdS
				pD = -w[12] * sf / D
				e.add(11, dpow*(sp-1)*ex)
				e.add(12, -sf*lnD)
				e.add(13, w[11]*dpow*sp*lnS1*ex)
				e.add(14, sf*(1-R))
				e.add(20, dsfdR*dRdW20)
			}
		}
	default: // a recall: Hard, Good or Easy
		R, dRdS, dRdW20 := c.recall(t, S)
		hp, eb := 1.0, 1.0
		if r.Rating == 2 {
			hp = w[15]
		} else if r.Rating == 4 {
			eb = w[16]
		}
		lnS := math.Log(S)
		spow := math.Exp(-w[9] * lnS)
		ex := math.Exp((1 - R) * w[10])
		k := c.e8 * (11 - D) * spow // without hp·eb
		gain := k * (ex - 1) * hp * eb
		newS = S * (1 + gain)
		if grad {
			dgdR := -k * ex * w[10] * hp * eb
			pS = 1 + gain + S*(gain*(-w[9]/S)+dgdR*dRdS)
			pD = -S * c.e8 * spow * (ex - 1) * hp * eb
			e.add(8, S*gain)
			e.add(9, -S*gain*lnS)
			e.add(10, S*k*ex*(1-R)*hp*eb)
			e.add(20, S*dgdR*dRdW20)
			if r.Rating == 2 {
				e.add(15, S*k*(ex-1)*eb)
			} else if r.Rating == 4 {
				e.add(16, S*k*(ex-1)*hp)
			}
		}
	}

	// Difficulty: linear damping toward 10, then mean reversion toward D0(4).
	delta := -w[6] * (g - 3)
	damped := D + delta*(10-D)/9
	newD := w[7]*c.d0Easy + (1-w[7])*damped

	if grad {
		if newS < sMin || newS > sMax {
			pS, pD, e.n = 0, 0, 0
		}
		e.pS, e.pD = pS, pD
		if newD > dMin && newD < dMax {
			e.qD = (1 - w[7]) * (1 - delta/9)
			e.q = [4]float64{w[7], w[7] * c.dD0Easy, (1 - w[7]) * (-(g - 3) * (10 - D) / 9), c.d0Easy - damped}
		}
	}
	st.S = clampVal(newS, sMin, sMax)
	st.D = clampVal(newD, dMin, dMax)
}

// predict is the loss of predicting review r from st: the binary cross
// entropy of recall (any rating but Again) against the forgetting curve.
// It also returns the prediction, and the loss's derivatives by S and by
// w20 (zero where R was clamped).
func (c *weights) predict(st *state, r Review) (loss, R, dS, dW20 float64) {
	R, dRdS, dRdW20 := c.recall(float64(r.DeltaT), st.S)
	clamped := false
	if R < rEps {
		R, clamped = rEps, true
	} else if R > 1-rEps {
		R, clamped = 1-rEps, true
	}
	y := 0.0
	if r.Rating > 1 {
		loss, y = -math.Log(R), 1
	} else {
		loss = -math.Log(1 - R)
	}
	if !clamped {
		dl := (R - y) / (R * (1 - R))
		dS, dW20 = dl*dRdS, dl*dRdW20
	}
	return loss, R, dS, dW20
}

// itemLoss runs an item's history and predicts its last review. With g
// non-nil it adds weight × the gradient to g, by a backward pass over the
// steps' partials, which it keeps in *tape (reused between calls).
func (c *weights) itemLoss(it Item, weight float64, g *[21]float64, tape *[]partials) float64 {
	var st state
	n := len(it.Reviews) - 1
	if g == nil {
		for i, r := range it.Reviews[:n] {
			c.step(&st, r, i == 0, nil)
		}
		loss, _, _, _ := c.predict(&st, it.Reviews[n])
		return loss
	}
	tp := slices.Grow((*tape)[:0], n)[:n]
	*tape = tp
	for i, r := range it.Reviews[:n] {
		c.step(&st, r, i == 0, &tp[i])
	}
	loss, _, dS, dW20 := c.predict(&st, it.Reviews[n])
	g[20] += weight * dW20
	aS, aD := weight*dS, 0.0
	for i := n - 1; i >= 0; i-- {
		e := &tp[i]
		for j := range e.n {
			g[e.idx[j]] += aS * e.val[j]
		}
		g[4] += aD * e.q[0]
		g[5] += aD * e.q[1]
		g[6] += aD * e.q[2]
		g[7] += aD * e.q[3]
		aS, aD = aS*e.pS, aS*e.pD+aD*e.qD
	}
	return loss
}

// clampVal bounds x; NaN stays NaN, which the fit reports.
func clampVal(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}
