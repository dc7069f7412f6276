"""Pure readers and writers of file formats: no Django, no database.

Each module turns bytes or parsed documents into plain records (and back);
`netlife.transfer` matches those records against a network and writes them.
"""
