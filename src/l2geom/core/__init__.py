"""The mathematics of the lecture (numpy/scipy): quadratics, ridge, descent, data files."""
