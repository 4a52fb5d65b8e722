"""Renderers: each turns a resolved pattern into one kind of output, as a pure function."""
