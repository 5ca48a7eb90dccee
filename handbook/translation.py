from modeltranslation.translator import TranslationOptions, register

from handbook.models import Chapter, Edition, Example, ExampleImage


@register(Example)
class ExampleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "lessons")


@register(Edition)
class EditionTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")


@register(Chapter)
class ChapterTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")


@register(ExampleImage)
class ExampleImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
