"""Tools built on the VM's event API (pyceval.events). The core never imports them."""
