"""The slide deck: generated values and colours, log checks, the LaTeX build."""
