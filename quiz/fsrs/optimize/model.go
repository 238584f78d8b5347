package optimize

import "math"

// The model is FSRS-6 as the reference optimizer (fsrs-rs 6.5.0) computes
// it, in float64: the formulas of the scheduler without ts-fsrs's rounding,
// the short-term rule for every same-day review, lapses capped at
// S/exp(w17·w18), the first review's stability w[g-1] without a floor, and
// S kept in [0.001, 36500] and D in [1, 10] after every step.
//
// Gradients are exact: every step carries the derivatives of S and D with
// respect to all 21 weights along with their values (forward-mode automatic
// differentiation written out by hand), so one pass over an item yields its
// loss and its gradient.

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

// state is a card's memory with, when grad is set, its derivatives by the
// weights.
type state struct {
	S, D   float64
	dS, dD [21]float64
	grad   bool
}

// step applies one review to st.
func (c *weights) step(st *state, r Review, first bool) {
	w := &c.w
	g := float64(r.Rating)
	if first {
		st.S = w[r.Rating-1]
		e := math.Exp((g - 1) * w[5])
		d := w[4] - e + 1
		if st.grad {
			clear(st.dS[:])
			clear(st.dD[:])
			st.dS[r.Rating-1] = 1
			if d > dMin && d < dMax {
				st.dD[4] = 1
				st.dD[5] = -(g - 1) * e
			}
		}
		st.D = clampVal(d, dMin, dMax)
		st.clampS()
		return
	}
	S, D := st.S, st.D
	t := float64(r.DeltaT)
	var newS, pS, pD float64 // the new S and its partials by S and D
	var pw [21]float64       // its partials by the weights
	switch {
	case r.DeltaT == 0: // same day: the short-term rule
		lnS := math.Log(S)
		sinc := math.Exp(w[17]*(g-3+w[18]) - w[19]*lnS)
		if r.Rating >= 2 && sinc < 1 {
			newS, pS = S, 1
		} else {
			newS = S * sinc
			pS = sinc * (1 - w[19])
			pw[17] = newS * (g - 3 + w[18])
			pw[18] = newS * w[17]
			pw[19] = -newS * lnS
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
			pw[17] = -capS * w[18]
			pw[18] = -capS * w[17]
		} else {
			newS = sf
			dsfdR := -sf * w[14]
			pS = w[11]*dpow*w[13]*sp/(S+1)*ex + dsfdR*dRdS
			pD = -w[12] * sf / D
			pw[11] = dpow * (sp - 1) * ex
			pw[12] = -sf * lnD
			pw[13] = w[11] * dpow * sp * lnS1 * ex
			pw[14] = sf * (1 - R)
			pw[20] = dsfdR * dRdW20
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
		dgdR := -k * ex * w[10] * hp * eb
		pS = 1 + gain + S*(gain*(-w[9]/S)+dgdR*dRdS)
		pD = -S * c.e8 * spow * (ex - 1) * hp * eb
		pw[8] = S * gain
		pw[9] = -S * gain * lnS
		pw[10] = S * k * ex * (1 - R) * hp * eb
		pw[20] = S * dgdR * dRdW20
		if r.Rating == 2 {
			pw[15] = S * k * (ex - 1) * eb
		} else if r.Rating == 4 {
			pw[16] = S * k * (ex - 1) * hp
		}
	}

	// Difficulty: linear damping toward 10, then mean reversion toward D0(4).
	delta := -w[6] * (g - 3)
	damped := D + delta*(10-D)/9
	newD := w[7]*c.d0Easy + (1-w[7])*damped

	if st.grad {
		if newS < sMin || newS > sMax {
			pS, pD = 0, 0
			clear(pw[:])
		}
		// D's partials: by D, and by w4–w7.
		qD := (1 - w[7]) * (1 - delta/9)
		var q4, q5, q6, q7 float64
		if newD > dMin && newD < dMax {
			q4 = w[7]
			q5 = w[7] * c.dD0Easy
			q6 = (1 - w[7]) * (-(g - 3) * (10 - D) / 9)
			q7 = c.d0Easy - damped
		} else {
			qD = 0
		}
		for k := range 21 {
			dS, dD := st.dS[k], st.dD[k]
			st.dS[k] = pS*dS + pD*dD + pw[k]
			st.dD[k] = qD * dD
		}
		st.dD[4] += q4
		st.dD[5] += q5
		st.dD[6] += q6
		st.dD[7] += q7
	}
	st.S = newS
	st.D = clampVal(newD, dMin, dMax)
	st.clampS()
}

// clampS keeps S in its bounds; the derivatives were zeroed by step when it
// was out of them.
func (st *state) clampS() {
	if st.S < sMin || st.S > sMax {
		st.S = clampVal(st.S, sMin, sMax)
		if st.grad {
			clear(st.dS[:])
		}
	}
}

// predict is the loss of predicting review r from st: the binary cross
// entropy of recall (any rating but Again) against the forgetting curve.
// With grad set in st, it adds weight × the loss's gradient to g.
func (c *weights) predict(st *state, r Review, weight float64, g *[21]float64) (loss, R float64) {
	R, dRdS, dRdW20 := c.recall(float64(r.DeltaT), st.S)
	clamped := false
	if R < rEps {
		R, clamped = rEps, true
	} else if R > 1-rEps {
		R, clamped = 1-rEps, true
	}
	if r.Rating > 1 {
		loss = -math.Log(R)
	} else {
		loss = -math.Log(1 - R)
	}
	if st.grad && g != nil && !clamped {
		y := 0.0
		if r.Rating > 1 {
			y = 1
		}
		dl := weight * (R - y) / (R * (1 - R))
		for k := range 21 {
			g[k] += dl * dRdS * st.dS[k]
		}
		g[20] += dl * dRdW20
	}
	return loss, R
}

// itemLoss runs an item's history and predicts its last review. With g
// non-nil it adds weight × the gradient to g.
func (c *weights) itemLoss(it Item, weight float64, g *[21]float64) float64 {
	st := state{grad: g != nil}
	n := len(it.Reviews) - 1
	for i, r := range it.Reviews[:n] {
		c.step(&st, r, i == 0)
	}
	loss, _ := c.predict(&st, it.Reviews[n], weight, g)
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
