package tl

// Boxed vectors of scalars, read and written in one call each.

// Int32Vector reads Vector<int>.
func (d *Decoder) Int32Vector() []int32 {
	n := d.VectorLen(4)
	v := make([]int32, n)
	for i := range v {
		v[i] = d.Int32()
	}
	return v
}

// Int64Vector reads Vector<long>.
func (d *Decoder) Int64Vector() []int64 {
	n := d.VectorLen(8)
	v := make([]int64, n)
	for i := range v {
		v[i] = d.Int64()
	}
	return v
}

// StringVector reads Vector<string>.
func (d *Decoder) StringVector() []string {
	n := d.VectorLen(4)
	v := make([]string, n)
	for i := range v {
		v[i] = d.String()
	}
	return v
}

// BytesVector reads Vector<bytes>.
func (d *Decoder) BytesVector() [][]byte {
	n := d.VectorLen(4)
	v := make([][]byte, n)
	for i := range v {
		v[i] = d.Bytes()
	}
	return v
}
