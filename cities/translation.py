from modeltranslation.translator import TranslationOptions, register

from cities.models import City, RightsTheme


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name", "introduction")


@register(RightsTheme)
class RightsThemeTranslationOptions(TranslationOptions):
    fields = ("name", "description")
