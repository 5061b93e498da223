"""The fork server: `python3 -m snakepit.forkserver` forks a pool's workers from one warm parent.

Its protocol with the node is in __main__.py.
"""
