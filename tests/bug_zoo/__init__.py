"""The bug zoo: for every exercise, realistic mistakes the hidden checks must
reject and alternative correct implementations they must accept.

One module per section (``tests/bug_zoo/<chapter>/<section>.py``) with two dicts,
``MISTAKES`` and ``ALTERNATIVES``, mapping an exercise function to named entries.
An entry is a list of ``(old, new)`` edits of the reference code (so a mistake
stays one readable slip of the reference) or literal code; a discovery answer's
entries are literal code assigning a number. ``test_bug_zoo.py`` runs each mistake's
check in-process on what the mistaken cell defines, and fills each alternative into
the solved notebook and grades it with ``python -m autograder grade``.
"""
