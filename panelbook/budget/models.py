"""The Panel's budget."""
