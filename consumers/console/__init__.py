"""The approvers' console: a server-rendered web application over the services the CLI uses.

Starlette routes (pages/), Jinja templates and vendored static files in this package, people
and sessions in HOME (users.py), every decision checked and signed in web.py.
"""
