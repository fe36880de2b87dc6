"""The work a request asks for, shared by the API's routers and the Python package: between the JSON
contract's models and the engine (convert), and one step of a request (step)."""
