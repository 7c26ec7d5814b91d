;; Loaded after the README's Emacs snippet by smoke.sh: opens the example, waits for flymake, prints.
(find-file "MetaBase.xml")
(message "mode: %s" major-mode)
(run-hooks 'post-command-hook) ; eglot-ensure connects from it; batch mode has no command loop
(let ((deadline (+ (float-time) 20)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.2)))
(message "eglot: %s" (if (eglot-current-server) "connected" "none"))
(message "diagnostics: %d" (length (flymake-diagnostics)))
(message "first: %s" (and (flymake-diagnostics) (flymake-diagnostic-text (car (flymake-diagnostics)))))
(kill-emacs (if (flymake-diagnostics) 0 1))
