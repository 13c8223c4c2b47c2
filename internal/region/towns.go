package region

// Towns returns every township of the table in code order.
func (t *Table) Towns() []Town {
	out := make([]Town, len(t.towns))
	for i := range t.towns {
		out[i] = t.town(int32(i))
	}
	return out
}
