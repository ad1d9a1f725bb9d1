# Placeholder: the figures stage.


def figure_targets():
    return []
