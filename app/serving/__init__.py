"""Serving machinery between the routers (app/api) and the work: admission and fair shares of the
heavy slots, prices and limits, the request route class, the cache of answers, errors and responses."""
