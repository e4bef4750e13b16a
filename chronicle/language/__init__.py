"""Stage: language. The words a reader sees outside the content, per site language.

Takes: a site language tag from site.yaml (`en`, `ko`, ...). Gives: the UI strings templates
receive as `t`, year words for axes, and the names of travel modes; a warning when a language
has no table (English is used).
Must never: read files other than its own tables, or know about entries, pages or output.

Modules: i18n (UI strings and year words), modes (travel modes, their aliases and names).
"""
