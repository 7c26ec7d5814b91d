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
(let ((ok (flymake-diagnostics)))
  (dolist (name '("metabase.xml" "MetaBase_2026.xml" "other.xml"))
    (let ((enable-local-variables nil)) ; mode only: no server for these
      (with-current-buffer (find-file-noselect name)
        (message "mode of %s: %s" name major-mode))))
  (kill-emacs (if ok 0 1)))
