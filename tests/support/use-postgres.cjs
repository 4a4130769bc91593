process.env.QUOTEGRAPH_TEST_DRIVER = 'postgres';
