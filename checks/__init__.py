"""Hidden checks: one subpackage per chapter, one module per section.

Each module has one public function per exercise, named after the exercise
function; it takes the student's function and raises ``AssertionError`` with a
helpful message when the function is wrong.
"""
