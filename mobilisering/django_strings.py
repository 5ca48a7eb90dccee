"""Django's own strings that its Swedish catalogue does not yet translate.

Listed here so `makemessages` puts them in the portal's catalogue, which takes precedence over
Django's. Nothing imports this module; the strings are looked up by their text at run time.
"""

from django.utils.translation import gettext_noop

# The label of an empty choice in a select list (new in Django 6.1).
gettext_noop("- Select an option -")
