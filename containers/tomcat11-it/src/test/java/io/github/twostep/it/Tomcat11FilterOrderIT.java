package io.github.twostep.it;

/** TwoStep's filter order in an unchanged WAR on Tomcat 11 ({@link TomcatFilterOrderContract}). */
class Tomcat11FilterOrderIT extends TomcatFilterOrderContract {
}
