"""Prints, as JSON, what a kernel reports about itself: its spec (display name, language) and the
language_info of its kernel_info reply. JupyterLab writes both into a notebook's metadata when the
kernel starts, so a notebook stored with other values opens as modified.

Usage: python kernel-info.py [KERNEL_NAME]   (default: tslab)
"""
import json
import sys

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

name = sys.argv[1] if len(sys.argv) > 1 else "tslab"
spec = KernelSpecManager().get_kernel_spec(name)
km, kc = start_new_kernel(kernel_name=name)
try:
    kc.kernel_info()
    reply = kc.get_shell_msg(timeout=120)
    print(json.dumps({
        "kernelspec": {"display_name": spec.display_name, "language": spec.language, "name": name},
        "language_info": reply["content"]["language_info"],
    }))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
