/* completion.c: the shell completion scripts `sitegen completion
 * bash|zsh|fish` prints: commands, options, and folders or files where an
 * option or command takes one. Keep the lists in step with main.c. */
#include <stdio.h>
#include <string.h>

#include "completion.h"

static const char bash_script[] =
"# bash completion for sitegen: eval \"$(sitegen completion bash)\",\n"
"# or save it as ~/.local/share/bash-completion/completions/sitegen\n"
"_sitegen()\n"
"{\n"
"	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
"	local cmds=\"build check samples init new completion\"\n"
"	local opts=\"--root --out --jobs --drafts --future --base-url --quiet"
" --verbose --version --help --bless --bless=all --export\"\n"
"	case $prev in\n"
"	--root|--out|--export|init)\n"
"		COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
"	--jobs|--base-url)\n"
"		COMPREPLY=(); return ;;\n"
"	completion)\n"
"		COMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\")); return ;;\n"
"	new)\n"
"		COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
"	esac\n"
"	if [[ $cur == -* ]]; then\n"
"		COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
"	else\n"
"		COMPREPLY=($(compgen -W \"$cmds\" -- \"$cur\"))\n"
"	fi\n"
"}\n"
"complete -F _sitegen sitegen\n";

static const char zsh_script[] =
"#compdef sitegen\n"
"# zsh completion for sitegen: save as _sitegen in a folder of $fpath,\n"
"# or run: source <(sitegen completion zsh)\n"
"_sitegen() {\n"
"	local curcontext=\"$curcontext\" state line\n"
"	_arguments -C \\\n"
"	    '--root[the site root]:folder:_files -/' \\\n"
"	    '--out[the output folder]:folder:_files -/' \\\n"
"	    '--jobs[worker threads]:number:' \\\n"
"	    '--drafts[include drafts]' \\\n"
"	    '--future[include pages dated in the future]' \\\n"
"	    '--base-url[override base_url]:URL:' \\\n"
"	    '--quiet[print only errors and warnings]' \\\n"
"	    '--verbose[say more]' \\\n"
"	    '--version[print versions]' \\\n"
"	    '--help[print the usage]' \\\n"
"	    '--bless=-[samples: write the output blocks (=all: add missing ones)]::which:(all)' \\\n"
"	    '--export[samples: write each sample as a project]:folder:_files -/' \\\n"
"	    '1:command:((build\\:\"build the site\" check\\:\"report every problem\""
" samples\\:\"run the C samples\" init\\:\"make a new site\""
" new\\:\"make a new page\" completion\\:\"print a completion script\"))' \\\n"
"	    '*::argument:->arg'\n"
"	case $state in\n"
"	arg)\n"
"		case $words[1] in\n"
"		init) _files -/ ;;\n"
"		new) _files ;;\n"
"		completion) _values shell bash zsh fish ;;\n"
"		esac\n"
"		;;\n"
"	esac\n"
"}\n"
"if [ \"$funcstack[1]\" = _sitegen ]; then\n"
"	_sitegen \"$@\"\n"
"else\n"
"	compdef _sitegen sitegen\n"
"fi\n";

static const char fish_script[] =
"# fish completion for sitegen: sitegen completion fish | source, or save\n"
"# it as ~/.config/fish/completions/sitegen.fish\n"
"set -l cmds build check samples init new completion\n"
"complete -c sitegen -f\n"
"complete -c sitegen -n \"not __fish_seen_subcommand_from $cmds\" -a build"
" -d 'build the site'\n"
"complete -c sitegen -n \"not __fish_seen_subcommand_from $cmds\" -a check"
" -d 'report every problem'\n"
"complete -c sitegen -n \"not __fish_seen_subcommand_from $cmds\" -a samples"
" -d 'run the C samples'\n"
"complete -c sitegen -n \"not __fish_seen_subcommand_from $cmds\" -a init"
" -d 'make a new site'\n"
"complete -c sitegen -n \"not __fish_seen_subcommand_from $cmds\" -a new"
" -d 'make a new page'\n"
"complete -c sitegen -n \"not __fish_seen_subcommand_from $cmds\""
" -a completion -d 'print a completion script'\n"
"complete -c sitegen -n '__fish_seen_subcommand_from completion'"
" -a 'bash zsh fish'\n"
"complete -c sitegen -n '__fish_seen_subcommand_from new init' -F\n"
"complete -c sitegen -l root -r -a '(__fish_complete_directories)'"
" -d 'the site root'\n"
"complete -c sitegen -l out -r -a '(__fish_complete_directories)'"
" -d 'the output folder'\n"
"complete -c sitegen -l jobs -x -d 'worker threads'\n"
"complete -c sitegen -l drafts -d 'include drafts'\n"
"complete -c sitegen -l future -d 'include pages dated in the future'\n"
"complete -c sitegen -l base-url -x -d 'override base_url'\n"
"complete -c sitegen -l quiet -d 'print only errors and warnings'\n"
"complete -c sitegen -l verbose -d 'say more'\n"
"complete -c sitegen -l version -d 'print versions'\n"
"complete -c sitegen -l help -d 'print the usage'\n"
"complete -c sitegen -l bless -d 'samples: write the output blocks'\n"
"complete -c sitegen -l bless=all -d 'samples: also add missing output blocks'\n"
"complete -c sitegen -l export -r -a '(__fish_complete_directories)'"
" -d 'samples: write each sample as a project'\n";

int
sg_completion_print(FILE *fp, const char *shell)
{
	if (!strcmp(shell, "bash"))
		fputs(bash_script, fp);
	else if (!strcmp(shell, "zsh"))
		fputs(zsh_script, fp);
	else if (!strcmp(shell, "fish"))
		fputs(fish_script, fp);
	else
		return -1;
	return 0;
}
