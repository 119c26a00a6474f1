/* main.c: placeholder until the CLI lands. */
#include <stdio.h>
int main(void)
{
    puts("newsgraph " NG_VERSION);
    return 0;
}
