"""Where the course's files are, and how a notebook maps to its section."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
RELEASE = ROOT / "release"
EXAMPLES = ROOT / "examples" / "submitted"


def sections():
    """Every section of the course as ``"<chapter>/<section>"``, sorted."""
    return sorted(f"{p.parent.name}/{p.stem}" for p in SOURCE.glob("*/*.ipynb"))


def chapters():
    """Every chapter (nbgrader assignment) of the course, sorted."""
    return sorted({section.split("/")[0] for section in sections()})


def section_of(notebook_path):
    """The section a notebook belongs to, from its file name and folder.

    Student notebooks keep the layout of the release (``…/<chapter>/<section>.ipynb``),
    as nbgrader's ``submitted/<student>/<chapter>/`` does.

    Raises
    ------
    ValueError
        If no source notebook has that chapter and name.
    """
    path = Path(notebook_path)
    section = f"{path.parent.name}/{path.stem}"
    if section not in sections():
        raise ValueError(
            f"{path} is not a notebook of the course: expected …/<chapter>/<section>.ipynb "
            f"with one of {', '.join(sections())}; pass --section to name it."
        )
    return section


def source_notebook(section):
    """Path of the source notebook of ``"<chapter>/<section>"``."""
    return SOURCE / f"{section}.ipynb"
