"""Signals other apps listen to, so that they can react without initiatives importing them.

`consent_withdrawn` is sent inside the transaction of `services.withdraw_consent`, with
`initiative` and `actor`: the handbook takes the initiative's examples off the public site.
"""

from django.dispatch import Signal

consent_withdrawn = Signal()
