"""Insatsernas lägesrapporter: forms out (``skapa``), answers in (``las``), the halvårsuppföljning
for the styrelse (``sammanstall``).

Inside, one way (a ``layers`` contract in pyproject.toml): ``fields`` declares every field once;
``documents`` reads .docx/.md/.txt into lines and tables with Locations; ``parse`` finds which text
answers which field; ``typed`` turns the texts into dates, counts and amounts; ``validate`` and
``year`` check them and decide which figures are the räkenskapsår's; ``read`` chains those;
``form`` writes the Word form; ``present`` builds the uppföljning's view model and ``render`` lays
it out with the report's machinery; ``apply`` plans and writes the changes to the årsmapp; ``run``
is what the CLI calls. May import everything below build/scaffold (load, compute, render, files …).
"""
