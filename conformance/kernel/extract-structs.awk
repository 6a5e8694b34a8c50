# SPDX-License-Identifier: GPL-2.0-only
#
# Copy a run of declarations out of a kernel header, unchanged.
#
#   awk -v first=NAME -v last=NAME -v file=PATH -f extract-structs.awk PATH
#
# Copies from the line "struct FIRST {" at column 0 through the "};" at
# column 0 that closes "struct LAST {", with everything between (the
# #defines that size them).  The shim takes the flat map's types this
# way (struct kvmppc_irq_map .. struct kvmppc_passthru_irqmap from
# asm/kvm_host.h), so that a patch changing them is tested as written.
# A #line directive points compiler messages into the original file.
# Either name not found, or LAST before FIRST, is an error.

$0 ~ "^struct " first " {" && !started {
	started = 1
	printf "#line %d \"%s\"\n", FNR, file
}

started && !done {
	print
	if ($0 ~ "^struct " last " {")
		in_last = 1
	if (in_last && $0 ~ /^};/)
		done = 1
}

END {
	if (!started || !done) {
		printf "extract-structs.awk: %s: struct %s .. struct %s not found\n", \
			file, first, last > "/dev/stderr"
		exit 1
	}
}
