"""The Anthropic API key for this session only: typed into a password field, held in the kernel's
memory (its environment), never written to the notebook, the model or any file."""

from __future__ import annotations

import os

import ipywidgets as widgets

from archkit.widgets.common import Interactive, button, message

KEY_ENV = "ANTHROPIC_API_KEY"  # what the anthropic SDK reads


class ApiKeyField(Interactive, widgets.VBox):
    """A password field; "Use for this session" puts the key in this kernel's environment."""

    def __init__(self) -> None:
        self.key = widgets.Password(placeholder="sk-ant-…", description="API key")
        self.use_button = button("Use for this session", "use-key", "primary")
        self.use_button.on_click(lambda _b: self.use())
        self.forget_button = button("Forget it", "forget-key")
        self.forget_button.on_click(lambda _b: self.forget())
        self.status = widgets.HTML("")
        super().__init__([widgets.HBox([self.key, self.use_button, self.forget_button]), self.status])
        self._say()

    def _say(self) -> None:
        if os.environ.get(KEY_ENV):
            self.status.value = message(
                "a key is set for this kernel (memory only: restarting the kernel forgets it); "
                "run the critique cell again",
                error=False,
            )
        else:
            self.status.value = message(
                f"no key: set {KEY_ENV} where JupyterLab starts, or type it here for this session only"
            )

    def use(self) -> None:
        key = self.key.value.strip()
        if not key:
            self.status.value = message("type the key first")
            return
        os.environ[KEY_ENV] = key
        self.key.value = ""  # the widget's state is saved with the notebook; the key must not be
        self._say()

    def forget(self) -> None:
        os.environ.pop(KEY_ENV, None)
        self.key.value = ""
        self._say()
