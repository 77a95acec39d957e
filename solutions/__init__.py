"""Reference implementations of every exercise of the course.

One subpackage per chapter and one module per section, named as the nbgrader
assignment and notebook they belong to (``solutions.ch02_neuron_models.hodgkin_huxley``
is the reference of ``source/ch02_neuron_models/hodgkin_huxley.ipynb``).  The
solution cells of the source notebooks are generated from these modules
(``python -m autograder build``), so this package is the one source of truth.
"""
