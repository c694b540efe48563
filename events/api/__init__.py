"""The REST API under /api/: thin views that validate input, call a selector or a service, and serialize.

`views` holds the endpoints, `urls` their addresses; `errors` (one JSON shape for every error),
`negotiation`, `renderers` and `pagination` are the defaults `settings.REST_FRAMEWORK` names.
Reads are public (and throttled for anonymous clients); writes need a user with the model
permission.
"""
