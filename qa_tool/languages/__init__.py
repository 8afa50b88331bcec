"""Language facts (no findings): code matching, Han ranges, punctuation."""
