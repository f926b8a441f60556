"""Parsers, one module per kind of data: each turns verified files into what ``data.load`` returns.

A parser is called as ``parse(files, **options)``, where ``files`` maps each member path of the
entry's source to its verified file in the cache (see ``utils.sources``). Parsers never fetch.

- ``toy``: scikit-learn's toy data sets (Bunch objects)
- ``images``: MNIST, Fashion-MNIST, sample photographs (NumPy arrays)
- ``shakespeare``: the plays as plain text, and their structure (acts, scenes, speeches)
- ``tables``: CSV files as pandas DataFrames
"""
