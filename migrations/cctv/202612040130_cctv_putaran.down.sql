DROP TABLE cctv_putaran;
