# Placeholder: the animations stage.


def animation_targets():
    return []
