"""The demo: the ``load_demo`` command, at the top of the layers so it may use every app's verbs."""
