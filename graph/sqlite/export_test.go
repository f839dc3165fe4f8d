package sqlite

// ForgetCachedRows empties s's row cache, so that a benchmark can measure
// the reads it saves.
func ForgetCachedRows(s *Store) {
	s.rows.mu.Lock()
	defer s.rows.mu.Unlock()
	s.rows.nodes = nil
}
