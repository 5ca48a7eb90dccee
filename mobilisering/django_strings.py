"""Django's own strings that its Swedish catalogue does not yet translate.

Listed here so `makemessages` puts them in the portal's catalogue, which takes precedence over
Django's. Nothing imports this module; the strings are looked up by their text at run time.
"""

from django.utils.translation import gettext_noop

# The label of an empty choice in a select list (new in Django 6.1).
gettext_noop("- Select an option -")

# allauth's messages from Python code (its form errors and refusals), which its Swedish catalogue
# gives with "epost" and "Vänligen"; the portal's catalogue translates them in its own words.
gettext_noop("The email address and/or password you specified are not correct.")
gettext_noop("A user is already registered with this email address.")
gettext_noop("This email address is already associated with this account.")
gettext_noop("You cannot remove your primary email address.")
gettext_noop("You cannot add more than %d email addresses.")
gettext_noop("The email address is not assigned to any user account.")
gettext_noop("Your primary email address must be verified.")
gettext_noop("You must type the same password each time.")
gettext_noop("Please type your current password.")
gettext_noop("Incorrect password.")
gettext_noop("Invalid or expired key.")
gettext_noop("Invalid login.")
gettext_noop("The password reset token was invalid.")
gettext_noop("Too many failed login attempts. Try again later.")
gettext_noop("This account is currently inactive.")
gettext_noop("Please select only one.")
gettext_noop("The new value must be different from the current one.")
gettext_noop("Be patient, you are sending too many requests.")
gettext_noop("Forgot your password?")
