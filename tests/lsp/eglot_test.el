;;; eglot_test.el --- Emacs with eglot on budc lsp  -*- lexical-binding: t -*-
;;
;; Run in batch mode by tests/lsp/editors.py after the configuration block of
;; docs/workflow.md. The workspace is a copy of the 西港镇 example in $BUDC_WS. Each check
;; prints "ok …" or "FAIL …"; Emacs exits with status 0 when all hold.
;;
;; Batch mode has no command loop: what the loop would do is done here by hand, with eglot's
;; own functions — running post-command-hook (where eglot-ensure connects), sending the
;; buffer's changes (eglot sends them when Emacs is idle) and starting Flymake.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(defvar budc-ws (getenv "BUDC_WS"))
(defvar budc-failures 0)

(defun budc-say (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(defun budc-check (cond what)
  (if cond (budc-say "ok %s" what)
    (setq budc-failures (1+ budc-failures))
    (budc-say "FAIL %s" what))
  cond)

(defun budc-wait (pred &optional seconds)
  "Wait up to SECONDS (default 30) for PRED, taking the server's messages meanwhile."
  (let ((deadline (+ (float-time) (or seconds 30))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun budc-visit (file)
  "Visit FILE in the workspace as a user would: bud-mode, then eglot-ensure's connection."
  (find-file (expand-file-name file budc-ws))
  (run-hooks 'post-command-hook)        ; eglot-ensure connects here
  (budc-wait (lambda () (eglot-managed-p)))
  (current-buffer))

(defun budc-send-changes ()
  "What eglot does when Emacs goes idle after an edit."
  (eglot--signal-textDocument/didChange))

(defun budc-diagnostics (buffer &optional type)
  "The Flymake diagnostics of BUFFER (of TYPE, e.g. `eglot-error'), Flymake started first."
  (with-current-buffer buffer
    (flymake-start)
    (cl-remove-if-not (lambda (d) (or (null type) (eq (flymake-diagnostic-type d) type)))
                      (flymake-diagnostics))))

(defun budc-code (diag)
  "The budc code of DIAG, from the message eglot makes: \"budc [BUD402]: …\"."
  (let ((text (flymake-diagnostic-text diag)))
    (and (string-match "\\[\\(BUD[0-9]+\\)\\]" text) (match-string 1 text))))

(defun budc-goto (needle)
  (goto-char (point-min))
  (search-forward needle)
  (goto-char (match-beginning 0)))

(condition-case err
    (let (projects basic)
      ;; Open the example: the mode and the server come from the configuration.
      (setq projects (budc-visit "projects.bud"))
      (budc-check (eq major-mode 'bud-mode) "a .bud file is in bud-mode")
      (budc-check (eglot-managed-p) "eglot manages it with budc lsp")
      (budc-check (equal (plist-get (eglot--server-info (eglot-current-server)) :name) "budc")
                  "the server is budc")

      ;; Its diagnostics: the eight warnings of projects.bud.
      (budc-check (budc-wait (lambda () (= (length (budc-diagnostics projects)) 8)))
                  (format "eight diagnostics in projects.bud (%d)" (length (budc-diagnostics projects))))
      (let ((codes (mapcar #'budc-code (budc-diagnostics projects))))
        (budc-check (and (= (cl-count "BUD409" codes :test #'equal) 3)
                         (= (cl-count "BUD401" codes :test #'equal) 3)
                         (member "BUD402" codes) (member "BUD403" codes))
                    (format "with their codes: %S" codes)))
      ;; BUD402 stands on the cost ceiling ≤500万元 (eglot placed it from UTF-16 columns).
      (let ((d (cl-find "BUD402" (budc-diagnostics projects) :key #'budc-code :test #'equal)))
        (budc-check (and d (equal (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                                                  (flymake-diagnostic-end d))
                                  "≤500万元"))
                    "BUD402 covers exactly ≤500万元 after the CJK text before it"))

      ;; Hover a function code (ElDoc's function, as eglot registers it). Emacs runs with
      ;; LC_MESSAGES=zh_CN.UTF-8 and eglot sends no locale: budc speaks Chinese.
      (budc-goto "2130705")
      (forward-char 2)
      (let (info)
        (eglot-hover-eldoc-function (lambda (text &rest _) (setq info (or text ""))))
        (budc-wait (lambda () info))
        (budc-check (and info (string-match-p "对村民委员会和村党支部的补助" info)
                         (string-match-p "267\\.59万元" info))
                    (format "hover of 2130705: %s" (and info (substring info 0 (min 80 (length info))))))
        (budc-check (and info (string-match-p "基本支出" info) (string-match-p "项目支出" info))
                    "with the amounts by 基本/项目, in Chinese from the environment"))

      ;; Complete a code from its Chinese name, with completion-at-point (C-M-i).
      (budc-goto "  金额 22.20 一般公共预算拨款")
      (insert "  功能科目 对村民\n")
      (forward-line -1)
      (end-of-line)
      (budc-send-changes)
      (completion-at-point)
      (budc-check (equal (buffer-substring-no-properties (line-beginning-position) (line-end-position))
                         "  功能科目 2130705 对村民委员会和村党支部的补助")
                  (format "completion-at-point writes the code and its name: %S"
                          (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
      (delete-region (line-beginning-position) (1+ (line-end-position)))
      (budc-send-changes)

      ;; Format: spaces out of place, and eglot-format-buffer puts them back.
      (let ((before (buffer-string)))
        (budc-goto "  金额 22.20 一般公共预算拨款")
        (delete-region (line-beginning-position) (line-end-position))
        (insert "金额    22.20     一般公共预算拨款")
        (budc-send-changes)
        (eglot-format-buffer)
        (budc-check (equal (buffer-string) before) "eglot-format-buffer restores the canonical layout"))

      ;; Break a total in basic.bud: errors appear in budget.bud and declared.bud.
      (setq basic (budc-visit "basic.bud"))
      (budc-goto "308.98")
      (forward-char 2)
      (delete-char 1)
      (insert "9")
      (budc-send-changes)
      (let ((declared (find-file-noselect (expand-file-name "declared.bud" budc-ws)))
            (budget (find-file-noselect (expand-file-name "budget.bud" budc-ws))))
        ;; The two files are opened only now: eglot shows a file's diagnostics when it visits
        ;; it, and budc published them for every file of the workspace.
        (with-current-buffer declared (run-hooks 'post-command-hook))
        (with-current-buffer budget (run-hooks 'post-command-hook))
        (budc-check (budc-wait (lambda () (and (= (length (budc-diagnostics declared 'eglot-error)) 5)
                                               (= (length (budc-diagnostics budget 'eglot-error)) 1))))
                    (format "309.98 puts five errors in declared.bud (%d) and one in budget.bud (%d)"
                            (length (budc-diagnostics declared 'eglot-error))
                            (length (budc-diagnostics budget 'eglot-error))))
        (budc-check (equal (mapcar #'budc-code (budc-diagnostics budget 'eglot-error)) '("BUD301"))
                    "budget.bud: BUD301")
        (budc-check (null (budc-diagnostics basic 'eglot-error)) "basic.bud itself has none")
        (with-temp-buffer
          (insert-file-contents (expand-file-name "basic.bud" budc-ws))
          (budc-check (search-forward "308.98" nil t) "the file on disk is unchanged: the buffer was checked"))
        (with-current-buffer basic
          (budc-goto "309.98")
          (forward-char 2)
          (delete-char 1)
          (insert "8")
          (budc-send-changes))
        (budc-check (budc-wait (lambda () (null (budc-diagnostics declared 'eglot-error))))
                    "restoring it takes the errors away")))
  (error (budc-check nil (format "the script ran: %S" err))))

;; The protocol's ending, by hand: eglot-shutdown kills the process right after `exit'.
(ignore-errors
  (with-current-buffer (get-file-buffer (expand-file-name "projects.bud" budc-ws))
    (let* ((server (eglot-current-server)) (process (jsonrpc--process server)))
      (setf (eglot--shutdown-requested server) t)
      (jsonrpc-request server :shutdown nil)
      (jsonrpc-notify server :exit nil)
      (budc-wait (lambda () (not (process-live-p process))) 10)
      (budc-check (and (eq (process-status process) 'exit) (zerop (process-exit-status process)))
                  (format "shutdown and exit end budc lsp with status 0 (%S %S)"
                          (process-status process) (process-exit-status process))))))
(budc-say (if (zerop budc-failures) "emacs: all checks passed" (format "emacs: %d failures" budc-failures)))
(kill-emacs (if (zerop budc-failures) 0 1))
