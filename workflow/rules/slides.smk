# Placeholder: the slides stage.


def slide_targets():
    return []
