"""Book-build code: everything that runs only where the book is built (a publisher's machine, CI).

Sphinx extensions (quizzes, teacher keys, freshness, page weight, maps), the in-browser (JupyterLite) site, the
student edition, the PDFs, the LMS export and the benchmark live here. None of it is installed by
``pip install .``: notebooks on a hub, in Colab or in JupyterLite import only the runtime package
``russia_syria`` (``src/russia_syria``). Sphinx loads these modules through ``local_extensions`` in
``_config.yml``; the Makefile runs the commands as ``python -m bookbuild.<module>`` from the repository root.

Sphinx extensions: ``freshness`` (re-run notebooks when data change), ``labs`` (notebook markup and glue),
``site_weight`` (light pages), ``lite`` (the JupyterLite site), ``student.solutions`` (student edition),
``pages_read`` (whether a rebuild read any page, for the quiz and LMS steps it can skip).
Commands: ``jbuild`` (``make book``), ``student.build``, ``pdf``, ``bench`` with ``pageweight``, ``nbclean``,
``setup_cell``, ``sample_results``. Shared by them and the tests: ``toc`` (the TOC), ``jbuild`` (the build
command), ``chromium`` (the browser) and ``serve`` (a static server).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository: every build path is relative to it
# Set by ``labs`` in a book build to that build's execution cache; read by ``teacher.course_values``.
EXECUTION_CACHE_ENV = "RUSSIA_SYRIA_EXECUTION_CACHE"
