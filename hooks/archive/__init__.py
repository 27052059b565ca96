"""The seminar archive, without MkDocs: seeds in, records, pages out.

Floors, each importing only those below it:
1. `model` (the records, `Site` included), `errors`, `typography`;
2. `datafile`, `parse`, `translation`, `glossary`: files and text into records; `topics`
   (what touches a topic across seminars) and `citation` (how to cite a talk or an answer);
3. `load` (the seeds folder into a `Site`), `render` (a `Site` into Markdown pages),
   `coverage`, `search_scope`, `draft` (a report into a first data file).
The MkDocs hook (`hooks/seminar_site.py`) and the organisers' tools (`tools/`) stand above.
"""
