"""Media storage on S3-compatible object storage, chosen by settings (STORAGE_BACKEND=s3).

Only imported when configured, so django-storages' S3 backend and boto3 load only then.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaS3Storage(S3Storage):
    """S3 storage whose URLs point at the portal's own /media/ view.

    Pages then load nothing from another host (the CSP allows only 'self'), the bucket stays
    private, and the view decides which folders are public: private attachments are served
    only by their permission-checked views, whatever their storage.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)
