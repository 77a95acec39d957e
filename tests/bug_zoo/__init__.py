"""The bug zoo: for every exercise, realistic mistakes the hidden checks must
reject and alternative correct implementations they must accept.

One module per section (``tests/bug_zoo/<chapter>/<section>.py``) with two dicts,
``MISTAKES`` and ``ALTERNATIVES``, mapping an exercise function to named entries.
An entry is a list of ``(old, new)`` edits of the reference code (so a mistake
stays one readable slip of the reference) or literal code. ``test_bug_zoo.py``
fills each entry into the solved notebook and grades it with
``python -m autograder grade``.
"""
