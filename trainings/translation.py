from modeltranslation.translator import TranslationOptions, register

from trainings.models import Course


@register(Course)
class CourseTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "topics", "typical_length")
