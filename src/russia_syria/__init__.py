"""Course package for *The Russia–Syria relationship, taught with data*.

Submodules, one job each:

- :mod:`russia_syria.data` loads the course datasets as typed pandas DataFrames;
- :mod:`russia_syria.quiz` turns quiz files into interactive quizzes (widget in a kernel, HTML in the book);
- :mod:`russia_syria.plots` holds the course's plot style (colour-blind-safe palette).

This is the runtime: what a notebook imports on a hub, in Colab or in JupyterLite, and all that ``pip install``
ships. The book build (Sphinx extensions, JupyterLite site, student edition, PDF) is the ``bookbuild`` package
at the repository root, never installed.
"""

__version__ = "0.1.0"
